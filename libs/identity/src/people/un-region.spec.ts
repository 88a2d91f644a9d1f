import { getAlpha2Codes } from 'i18n-iso-countries';
import { StakeholderGroup } from './stakeholder-group';
import { UnRegion, knownCountryCodes, regionOf, regionOfCountry } from './un-region';

describe('UN regional groups', () => {
  it('derives the regional group from the country code, case-insensitively', () => {
    expect(regionOfCountry('KE')).toBe(UnRegion.AFRICAN);
    expect(regionOfCountry('br')).toBe(UnRegion.GRULAC);
    expect(regionOfCountry('PL')).toBe(UnRegion.EASTERN_EUROPEAN);
    expect(regionOfCountry('JP')).toBe(UnRegion.ASIA_PACIFIC);
    expect(regionOfCountry('DE')).toBe(UnRegion.WEOG);
    expect(regionOfCountry('US')).toBe(UnRegion.WEOG);
    expect(regionOfCountry('TR')).toBe(UnRegion.WEOG);
  });

  it('counts staff of intergovernmental organisations as Intergovernmental, whatever their country', () => {
    expect(regionOf('CH', StakeholderGroup.INTERGOVERNMENTAL_ORGANISATION)).toBe(UnRegion.INTERGOVERNMENTAL);
    expect(regionOf('CH', StakeholderGroup.CIVIL_SOCIETY)).toBe(UnRegion.WEOG);
  });

  it('places every ISO 3166-1 country in exactly one group', () => {
    const known = knownCountryCodes();
    expect(new Set(known).size).toBe(known.length);
    const missing = Object.keys(getAlpha2Codes()).filter((code) => regionOfCountry(code) === null);
    expect(missing).toEqual([]);
  });

  it('has the UN membership of the five groups', () => {
    const counts = new Map<UnRegion, number>();
    for (const code of Object.keys(getAlpha2Codes())) {
      const region = regionOfCountry(code);
      if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    expect(counts.get(UnRegion.EASTERN_EUROPEAN)).toBe(23);
    expect(regionOfCountry('XX')).toBeNull();
    expect(regionOfCountry(null)).toBeNull();
  });
});
