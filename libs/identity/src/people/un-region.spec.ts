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

  it('has the 23 UN member states of the Eastern European Group (Kosovo, not a member, placed there too)', () => {
    const eastern = Object.keys(getAlpha2Codes()).filter((code) => regionOfCountry(code) === UnRegion.EASTERN_EUROPEAN);
    expect(eastern.filter((code) => code !== 'XK')).toHaveLength(23);
    expect(regionOfCountry('XX')).toBeNull();
    expect(regionOfCountry(null)).toBeNull();
  });
});
