import { absoluteLink, notificationMailText } from './notification-mail';

describe('notification e-mail', () => {
  it('makes web-app paths absolute under WEB_URL, and leaves absolute links alone', () => {
    expect(absoluteLink('/consultations/1', 'https://igf.example.org/')).toBe('https://igf.example.org/consultations/1');
    expect(absoluteLink('consultations/1', 'https://igf.example.org/app')).toBe('https://igf.example.org/app/consultations/1');
    expect(absoluteLink('https://other.example.org/x', 'https://igf.example.org')).toBe('https://other.example.org/x');
    expect(absoluteLink('/consultations/1', undefined)).toBe('/consultations/1');
  });

  it('puts the text first, then the link, then the footer', () => {
    const text = notificationMailText({ body: 'Someone replied.\n', link: '/c/1' }, 'https://igf.example.org');
    expect(text.startsWith('Someone replied.\n\nhttps://igf.example.org/c/1\n\n-- \n')).toBe(true);
    expect(notificationMailText({ body: 'No link' }, undefined)).toMatch(/^No link\n\n-- \n/);
  });
});
