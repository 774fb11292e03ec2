// The confirmation rule both import pages share (pending-uploads.ts changedSincePreview), on each
// database: a dry run that still promises what the preview did goes ahead; one that promises
// something else is the new promise, kept for the next confirmation; and an upload another
// confirmation spent meanwhile is gone (410), not "changed" (409).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { UserError } from '../../src/domain/errors.ts';
import { createPendingUploads, DATA_CHANGED_MESSAGE } from '../../src/services/pending-uploads.ts';
import { makeOfficial } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const FILE = { fileName: 'ds.csv', bytes: new TextEncoder().encode('Họ và tên,Đơn vị\n') };

describe.each(await testProviders())('the promise of a preview on %s', (provider) => {
  const database = useTestDatabase(provider);

  function uploadsOf() {
    return createPendingUploads({ store: database(), clock: new ManualClock('2026-11-23T02:00:00Z'), maxBytes: 1024 });
  }

  it('the same promise goes ahead; another is kept as the new promise and refused once', async () => {
    const uploads = uploadsOf();
    const owner = await makeOfficial(database());
    const { token } = await uploads.keep(owner, 'officials', FILE, 'hai người');
    const upload = await uploads.find(owner, ['officials'], token);
    expect(await uploads.changedSincePreview(owner, upload, 'hai người')).toBeUndefined();
    expect(await uploads.changedSincePreview(owner, upload, 'một người')).toBe(DATA_CHANGED_MESSAGE);
    const renewed = await uploads.find(owner, ['officials'], token);
    expect(renewed.fingerprint).toBe('một người');
    expect(await uploads.changedSincePreview(owner, renewed, 'một người')).toBeUndefined();
  });

  it('an upload spent by another confirmation meanwhile is gone, not changed', async () => {
    const uploads = uploadsOf();
    const owner = await makeOfficial(database());
    const { token } = await uploads.keep(owner, 'officials', FILE, 'hai người');
    const upload = await uploads.find(owner, ['officials'], token);
    await uploads.spend(owner, token, async () => 'written');
    const answer = uploads.changedSincePreview(owner, upload, 'không ai');
    await expect(answer).rejects.toBeInstanceOf(UserError);
    await expect(answer).rejects.toMatchObject({ code: 'UPLOAD_GONE' });
  });
});
