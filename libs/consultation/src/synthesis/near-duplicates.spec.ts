import { createHash } from 'node:crypto';
import { normalise } from '../comment/comment-body';
import { clusterTexts } from './near-duplicates';

const text = (id: string, body: string) => ({ id, body, fingerprint: createHash('sha256').update(normalise(body)).digest('hex') });

const CAMPAIGN = 'We call on the forum to recognise community networks as a vital means of connecting the unconnected in rural areas, and to recommend spectrum policies that let them grow.';

describe('clusters of identical and near-identical comments', () => {
  it('puts a template and its lightly edited copies together, and leaves different comments alone', () => {
    const texts = [
      text('a', CAMPAIGN),
      text('b', CAMPAIGN.toUpperCase()), // identical once normalised
      text('c', CAMPAIGN.replace('rural areas', 'rural and remote areas')),
      text('d', CAMPAIGN.replace('We call on', 'I urge')),
      text('e', 'Paragraph 12 overstates the evidence on capacity building; the cited study covers only two countries.'),
      text('f', 'Please add a reference to the 2023 regional consultations in paragraph 4.'),
    ];
    const clusters = clusterTexts(texts);
    expect(clusters).toHaveLength(1);
    expect(new Set(clusters[0].ids)).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(clusters[0].identical).toBe(2);
  });

  it('finds one campaign among thousands of submissions', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => text(String(i), i % 2 ? `${CAMPAIGN} Signed, person ${i}.` : `Unique comment number ${i} about paragraph ${i % 40} and the findings on ${i * 7919}.`));
    const clusters = clusterTexts(texts);
    expect(clusters[0].ids.length).toBe(2500);
  });
});
