/**
 * Drives the real VS Code workbench (code-server) in headless Chromium, for the end-to-end tests.
 *
 * scripts/host/e2e.mjs installs the packaged .vsix into a private profile, starts code-server, then runs
 * mocha on out/test/e2e/**\/*.e2e.test.js with these variables set: E2E_BASE_URL, E2E_WORKSPACE (the folder
 * or .code-workspace to open), E2E_SCREENSHOTS (folder for the pictures), E2E_CHROMIUM (executable) and
 * E2E_CHROMIUM_ARGS (JSON array of flags).
 *
 *   const wb = await Workbench.open();                   // Chromium + workbench loaded on the workspace
 *   await wb.openViewContainer('Presets');               // click an activity-bar entry by its title
 *   await wb.treeRows(['Balanced', 'High Throughput']);  // wait for tree rows with these texts; all rows' texts
 *   await wb.runCommand('Presets: Refresh');             // command palette: F1, the title, click its row
 *   await wb.notification(/merged/i);                    // wait for a notification toast; its text
 *   await wb.webviewText('#grid-size');                  // text inside a webview: iframe.webview.ready → #active-frame
 *   await wb.openFile('presets/broken.preset.json');     // quick open, wait for the editor tab
 *   await wb.problems();                                 // the Problems panel's rows
 *   await wb.screenshot('03-merge-preview');             // E2E_SCREENSHOTS/03-merge-preview.png
 *   await wb.close();
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the end-to-end tests through scripts/host/e2e.mjs (npm run test:e2e)`);
  return value;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profileDir: string,
    readonly screenshotsDir: string,
  ) {}

  /** Launches Chromium and loads the workbench on E2E_WORKSPACE; resolves once the workbench is up. */
  static async open(timeoutMs = 90_000): Promise<Workbench> {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-e2e-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: env('E2E_CHROMIUM'),
      headless: true,
      args: JSON.parse(env('E2E_CHROMIUM_ARGS')) as string[],
      viewport: { width: 1400, height: 900 },
      // Chromium's crash database follows XDG folders, not the profile: keep it out of the home folder.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
        XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
      },
    });
    const screenshotsDir = env('E2E_SCREENSHOTS');
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const workbench = new Workbench(
      context.pages()[0] ?? (await context.newPage()),
      context,
      profileDir,
      screenshotsDir,
    );
    const workspace = env('E2E_WORKSPACE');
    const query = `${workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(workspace)}`;
    await workbench.page.goto(`${env('E2E_BASE_URL')}/?${query}`);
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // The status bar and the explorer's tree appear once the remote connection and the workspace are up.
    await workbench.page.locator('.statusbar').waitFor({ timeout: timeoutMs });
    await workbench.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
    return workbench;
  }

  /** Clicks the activity-bar entry whose title starts with `title` (a contributed view container, Explorer…). */
  async openViewContainer(title: string, timeoutMs = 30_000): Promise<void> {
    const entry = this.page
      .locator(
        [
          `.activitybar .action-item[aria-label^="${title}"] a`,
          `.activitybar a[aria-label^="${title}"]`,
          `.composite-bar .action-label[aria-label^="${title}"]`,
        ].join(', '),
      )
      .first();
    await entry.click({ timeout: timeoutMs });
  }

  /** Waits until a visible tree or list row contains each of `texts`; returns the texts of all rows in the side bar. */
  async treeRows(texts: readonly string[] = [], timeoutMs = 30_000): Promise<string[]> {
    for (const text of texts) {
      await this.page.locator('.pane-body .monaco-list-row', { hasText: text }).first().waitFor({ timeout: timeoutMs });
    }
    return this.page.locator('.part.sidebar .pane-body .monaco-list-row').allInnerTexts();
  }

  /**
   * Runs a command from the palette by its title as shown there ("Category: Title"). Some workbench
   * commands register only a while after the window opens, and the palette lists what exists when it
   * opens: so when the title does not show up, the palette is closed and opened again, until `timeoutMs`.
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: Math.max(1_000, deadline - Date.now()) });
      try {
        // The palette can close while it is being typed into (a panel taking focus): then open it again.
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.waitFor({ timeout: Math.min(5_000, Math.max(1_000, deadline - Date.now())) });
        break;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await this.page.keyboard.press('Escape');
        await this.page.waitForTimeout(1_000);
      }
    }
    await row.click({ timeout: Math.max(1_000, deadline - Date.now()) });
  }

  /** Waits for a notification toast matching `text`; returns its text. */
  async notification(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return toast.innerText();
  }

  /** The document inside the active webview: the page sits in nested iframes (iframe.webview.ready → #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Text of the element matching `selector` inside the active webview. */
  async webviewText(selector: string, timeoutMs = 30_000): Promise<string> {
    return this.webview().locator(selector).first().innerText({ timeout: timeoutMs });
  }

  /** Opens a workspace file with Quick Open and waits for its editor tab. */
  async openFile(relativePath: string, timeoutMs = 30_000): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(relativePath);
    const name = path.posix.basename(relativePath);
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: name })
      .first()
      .click({ timeout: timeoutMs });
    await this.page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: timeoutMs });
  }

  /** Opens the Problems panel and returns the texts of its rows once at least `atLeast` are shown. */
  async problems(atLeast = 1, timeoutMs = 30_000): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.nth(atLeast - 1).waitFor({ timeout: timeoutMs });
    return rows.allInnerTexts();
  }

  /** Saves a picture of the whole window as `<name>.png` in the screenshots folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** A file-name-safe form of a test title, for failure screenshots. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
