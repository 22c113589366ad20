import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createExcludeMatcher, workspaceExcludeMatcher } from '../../../src/core/glob';
import {
  SKIPPED_FOLDERS,
  SKIPPED_FOLDERS_GLOB,
  isInSkippedFolder,
  isSkippedFolder,
} from '../../../src/core/skippedFolders';

describe('excluded files', () => {
  describe('createExcludeMatcher', () => {
    it('matches nothing without globs, or with blank ones only', () => {
      // Nor the workspace folder itself (the empty path), which an empty pattern would match.
      for (const path of ['a/b.preset.json', '', '/']) {
        assert.equal(createExcludeMatcher([])(path), false, path);
        assert.equal(createExcludeMatcher(['', '  '])(path), false, path);
      }
    });

    it('ignores blanks around a glob', () => {
      assert.equal(createExcludeMatcher(['  fixtures/** '])('fixtures/a.preset.json'), true);
      assert.equal(createExcludeMatcher(['\tfixtures\n'])('fixtures/a.preset.json'), true);
    });

    it('matches a file by a pattern of its own path', () => {
      const excluded = createExcludeMatcher(['**/*.draft.preset.json']);
      assert.equal(excluded('x.draft.preset.json'), true);
      assert.equal(excluded('deep/down/x.draft.preset.json'), true);
      assert.equal(excluded('deep/down/x.preset.json'), false);
    });

    it('excludes everything below a folder a pattern names', () => {
      const excluded = createExcludeMatcher(['fixtures', '**/build']);
      assert.equal(excluded('fixtures/a.preset.json'), true);
      assert.equal(excluded('fixtures/deep/a.preset.json'), true);
      assert.equal(excluded('src/build/a.preset.json'), true);
      assert.equal(excluded('src/builds/a.preset.json'), false);
      assert.equal(excluded('other/fixtures.preset.json'), false);
    });

    it('reads "fixtures/**", a "./" prefix and backslashes as VS Code does', () => {
      assert.equal(createExcludeMatcher(['fixtures/**'])('fixtures/a/b.preset.json'), true);
      assert.equal(createExcludeMatcher(['./fixtures/**'])('fixtures/b.preset.json'), true);
      assert.equal(createExcludeMatcher(['fixtures\\**'])('fixtures/b.preset.json'), true);
      assert.equal(createExcludeMatcher(['fixtures/**'])('a\\fixtures\\b.preset.json'), false);
      assert.equal(createExcludeMatcher(['a/fixtures/**'])('a\\fixtures\\b.preset.json'), true);
      // A backslash between two names separates folders; it is not dropped.
      assert.equal(createExcludeMatcher(['fixtures\\old'])('fixtures/old/b.preset.json'), true);
      assert.equal(createExcludeMatcher(['fixtures\\old'])('fixturesold/b.preset.json'), false);
      // Only a leading "./" is the workspace folder; one inside a name stays.
      assert.equal(createExcludeMatcher(['old./**'])('old./b.preset.json'), true);
      assert.equal(createExcludeMatcher(['old./**'])('old/b.preset.json'), false);
    });

    it('supports *, ?, {a,b} and [abc] within one segment', () => {
      const excluded = createExcludeMatcher(['{old,tmp}/v?.preset.json', 'r[0-9]/*.preset.json']);
      assert.equal(excluded('old/v1.preset.json'), true);
      assert.equal(excluded('tmp/v2.preset.json'), true);
      assert.equal(excluded('new/v1.preset.json'), false);
      assert.equal(excluded('old/v10.preset.json'), false);
      assert.equal(excluded('r7/x.preset.json'), true);
      assert.equal(excluded('rx/x.preset.json'), false);
      // `*` stays within a folder.
      assert.equal(createExcludeMatcher(['*.preset.json'])('a/b.preset.json'), false);
    });

    it('matches dot folders, as files.exclude patterns like **/.git expect', () => {
      assert.equal(createExcludeMatcher(['**/.hidden'])('a/.hidden/x.preset.json'), true);
      assert.equal(createExcludeMatcher(['**/*.preset.json'])('.config/x.preset.json'), true);
    });

    it('gives "!" and extglob syntax no special meaning', () => {
      assert.equal(createExcludeMatcher(['!keep/**'])('other/x.preset.json'), false);
      assert.equal(createExcludeMatcher(['!(keep)/**'])('other/x.preset.json'), false);
    });

    it('one matching glob of several is enough', () => {
      const excluded = createExcludeMatcher(['a/**', 'b/**']);
      assert.equal(excluded('b/x.preset.json'), true);
      assert.equal(excluded('c/x.preset.json'), false);
    });

    it('a path under an excluded folder is excluded, whatever its name (property)', () => {
      const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
      fc.assert(
        fc.property(segment, fc.array(segment, { maxLength: 4 }), (folder, rest) => {
          const excluded = createExcludeMatcher([folder]);
          assert.equal(excluded([folder, ...rest, 'x.preset.json'].join('/')), true);
          assert.equal(excluded([`${folder}x`, ...rest, 'x.preset.json'].join('/')), false);
        }),
      );
    });
  });

  describe('skipped folders', () => {
    it('are node_modules and .git', () => {
      assert.deepEqual([...SKIPPED_FOLDERS].sort(), ['.git', 'node_modules']);
      assert.equal(isSkippedFolder('node_modules'), true);
      assert.equal(isSkippedFolder('.git'), true);
      assert.equal(isSkippedFolder('git'), false);
      assert.equal(isSkippedFolder('node_modules2'), false);
    });

    it('a path is skipped when any folder on it is', () => {
      assert.equal(isInSkippedFolder('node_modules/pkg/a.preset.json'), true);
      assert.equal(isInSkippedFolder('a/.git/b.preset.json'), true);
      assert.equal(isInSkippedFolder('a\\node_modules\\b.preset.json'), true);
      assert.equal(isInSkippedFolder('a/my.git/b.preset.json'), false);
      assert.equal(isInSkippedFolder('presets/a.preset.json'), false);
    });

    it('the search glob names the same folders', () => {
      assert.equal(SKIPPED_FOLDERS_GLOB, '**/{node_modules,.git}/**');
      const excluded = createExcludeMatcher([SKIPPED_FOLDERS_GLOB]);
      assert.equal(excluded('x/node_modules/y/a.json'), true);
      assert.equal(excluded('x/y/a.json'), false);
    });
  });

  describe('workspaceExcludeMatcher', () => {
    it('excludes what files.exclude and parameterPresets.exclude name, either one', () => {
      const excluded = workspaceExcludeMatcher({ filesExclude: ['**/build'], exclude: ['fixtures'] });
      assert.equal(excluded('x/build/a.preset.json'), true);
      assert.equal(excluded('fixtures/b.preset.json'), true);
      assert.equal(excluded('presets/c.preset.json'), false);
      assert.equal(workspaceExcludeMatcher({ filesExclude: [], exclude: [] })('fixtures/b.preset.json'), false);
    });
  });
});
