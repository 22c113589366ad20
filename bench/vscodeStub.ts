/**
 * Just enough of the `vscode` module to load the production bundle and call activate() outside VS Code,
 * for the activation benchmark only. The APIs activation really uses answer like an empty window (no
 * workspace folder, no open document, the view hidden), so activation wires things up and, as in VS Code,
 * indexes nothing. Anything else answers with an inert stand-in, and its name is recorded, so the report
 * says what the stub was asked for.
 */
import Module from 'node:module';
// The Node modules the bundle imports are loaded before the clock starts (here, with this module): VS Code's
// extension host loads them for its own use long before any extension, a fresh Node process has not.
import 'node:crypto';
import 'node:fs';
import 'node:fs/promises';
import { now, since } from './stats';

const touched = new Set<string>();

/** A callable, constructible stand-in for any API the stub does not model; records what was asked. */
function inert(name: string): unknown {
  const target = function () {};
  return new Proxy(target, {
    get(_, property) {
      if (property === 'then' || typeof property === 'symbol') return undefined;
      const path = `${name}.${property}`;
      touched.add(path);
      return inert(path);
    },
    apply: () => disposable(),
    construct: () => inert(`new ${name}`) as object,
  });
}

function disposable(): { dispose(): void } {
  return { dispose() {} };
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(private readonly callback: () => void) {}
  dispose(): void {
    this.callback();
  }
}

class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(text: string): Uri {
    const [scheme, rest] = text.split(/:(.*)/s);
    return new Uri(scheme, rest.replace(/^\/\//, ''));
  }
  static from(parts: { scheme: string; path?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...segments].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

const event = (): Disposable => new Disposable(() => {});

function treeView(): object {
  return {
    visible: false,
    message: undefined,
    description: undefined,
    onDidChangeVisibility: event,
    onDidChangeSelection: event,
    onDidExpandElement: event,
    onDidCollapseElement: event,
    reveal: async () => {},
    dispose() {},
  };
}

function outputChannel(): object {
  const nothing = (): void => {};
  return {
    info: nothing,
    warn: nothing,
    error: nothing,
    debug: nothing,
    trace: nothing,
    appendLine: nothing,
    append: nothing,
    show: nothing,
    clear: nothing,
    dispose: nothing,
    onDidChangeLogLevel: event,
  };
}

function createStub(): object {
  const modelled = {
    version: '1.139.0',
    Disposable,
    EventEmitter,
    Uri,
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    CodeActionKind: { QuickFix: { value: 'quickfix' }, Refactor: { value: 'refactor' } },
    window: {
      createTreeView: treeView,
      createOutputChannel: outputChannel,
      registerWebviewPanelSerializer: disposable,
      activeTextEditor: undefined,
      onDidChangeActiveTextEditor: event,
    },
    workspace: {
      workspaceFolders: undefined,
      textDocuments: [],
      isTrusted: true,
      onDidOpenTextDocument: event,
      onDidCloseTextDocument: event,
      onDidChangeTextDocument: event,
      onDidChangeConfiguration: event,
      onDidChangeWorkspaceFolders: event,
      onDidGrantWorkspaceTrust: event,
      registerFileSystemProvider: disposable,
      registerTextDocumentContentProvider: disposable,
      getConfiguration: () => ({
        get: (_key: string, fallback?: unknown) => fallback,
        has: () => false,
        inspect: () => undefined,
        update: async () => {},
      }),
    },
    languages: {
      createDiagnosticCollection: () => ({
        set() {},
        delete() {},
        clear() {},
        get: () => undefined,
        forEach() {},
        dispose() {},
      }),
      registerCodeActionsProvider: disposable,
      registerCodeLensProvider: disposable,
    },
    commands: { registerCommand: disposable, executeCommand: async () => undefined },
    env: {},
    extensions: {},
  };
  // A bundle copies the module's own names once (esbuild's __toESM): every top-level name must exist up front.
  for (const name of [
    'CancellationTokenSource',
    'CodeAction',
    'CodeLens',
    'Diagnostic',
    'DiagnosticTag',
    'FilePermission',
    'FileSystemError',
    'InputBoxValidationSeverity',
    'MarkdownString',
    'ProgressLocation',
    'Range',
    'Position',
    'ThemeColor',
    'ThemeIcon',
    'TreeItem',
    'WorkspaceEdit',
    'RelativePattern',
    'StatusBarAlignment',
    'ConfigurationTarget',
    'QuickPickItemKind',
  ]) {
    Object.defineProperty(modelled, name, {
      get: () => (touched.add(`vscode.${name}`), inert(`vscode.${name}`)),
      enumerable: true,
    });
  }
  return withFallback(modelled, 'vscode');
}

/** The modelled object, with an inert stand-in for anything it lacks. */
function withFallback(object: object, name: string): object {
  return new Proxy(object, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || property === 'then') return Reflect.get(target, property, receiver);
      if (property in target) {
        const value = Reflect.get(target, property, receiver) as unknown;
        const isNamespace =
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.getPrototypeOf(value) === Object.prototype &&
          !property.match(/^[A-Z]/);
        return isNamespace ? withFallback(value as object, `${name}.${property}`) : value;
      }
      touched.add(`${name}.${property}`);
      return inert(`${name}.${property}`);
    },
  });
}

/**
 * Loads `bundle` (dist/extension.js) with `vscode` stubbed and calls activate(), timing each step. The stub
 * itself is built before the clock starts: in VS Code the API object exists before any extension loads.
 */
export function loadWithStubbedVscode(
  bundle: string,
  extensionPath: string,
): { timings: { load: number; activate: number; total: number }; touched: string[] } {
  const stub = createStub();
  const moduleInternals = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function (request, parent, isMain) {
    return request === 'vscode' ? stub : originalLoad.call(this, request, parent, isMain);
  };
  const subscriptions: { dispose(): unknown }[] = [];
  const context = {
    subscriptions,
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    extensionMode: 1,
    globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    asAbsolutePath: (relative: string) => `${extensionPath}/${relative}`,
  };
  const start = now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing exactly what VS Code does: require() the bundle
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const load = since(start);
  const activateStart = now();
  extension.activate(context);
  const activate = since(activateStart);
  const total = since(start);
  for (const subscription of subscriptions) subscription.dispose();
  moduleInternals._load = originalLoad;
  return { timings: { load, activate, total }, touched: [...touched].sort() };
}
