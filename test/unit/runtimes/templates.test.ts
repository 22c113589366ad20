/**
 * New Preset's sweeps on the shipped catalogs, as the extension builds them (the system presets' grids
 * standing in for defaults computed at start-up): every version of each runtime gets the four sweeps, and
 * none has a flag problem in the catalog it was built from.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParameterGrid } from '../../../src/core/model';
import { checkFlags } from '../../../src/core/runtime/flagChecks';
import { presetTemplates } from '../../../src/core/runtime/templates';
import { openRuntimeCatalogs } from '../../../src/node/runtimeCatalogs';
import { repoRoot } from '../helpers/presets';

const catalogs = openRuntimeCatalogs(path.join(repoRoot, 'runtimes'));
const systemPresets = fs
  .readdirSync(path.join(repoRoot, 'presets'))
  .map(
    (file) =>
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'presets', file), 'utf8')) as {
        runtime: string | null;
        parameters: ParameterGrid;
      },
  );

describe('preset templates on the shipped catalogs', () => {
  for (const runtime of ['sglang', 'vllm'] as const) {
    const examples = systemPresets.filter((p) => p.runtime === runtime).map((p) => p.parameters);
    for (const version of catalogs.versions(runtime)) {
      it(`${runtime} ${version}: four sweeps, each flag at two values, none with a flag problem`, () => {
        const index = catalogs.index(runtime, version);
        const templates = presetTemplates(runtime, index, { examples });
        assert.deepEqual(
          templates.map((t) => t.id),
          ['parallelism', 'memory', 'scheduling', 'batching'],
        );
        for (const template of templates) {
          for (const [name, values] of Object.entries(template.parameters))
            assert.equal(new Set(values).size, 2, `${template.id}: ${name}`);
          assert.deepEqual(checkFlags(template.parameters, [{ runtime, index }]), [], template.id);
        }
      });
    }
  }
});
