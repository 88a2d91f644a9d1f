import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { LogTransport } from './log-transport';

describe('the log transport (no SMTP_URL)', () => {
  it('writes the message to the log without the secret of a private link', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      lines.push(String(message));
    });
    try {
      const secret = 'Zk3v9QeY2mWbq7Rr0sLx8TnA4cJd6HfGu1oPiKe5VwM';
      await new LogTransport().send({
        id: '1',
        from: 'Intersessional <no-reply@localhost>',
        to: { address: 'guest@example.org', name: null },
        subject: 'Your comment: IGF-7K3Q-9D',
        text: `Your tracking number is IGF-7K3Q-9D.\n\nhttps://intersessional.example.org/comments/guest#${secret}\n`,
        html: null,
      });
      expect(lines.join('\n')).toContain('https://intersessional.example.org/comments/guest#[secret removed]');
      expect(lines.join('\n')).toContain('IGF-7K3Q-9D');
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      spy.mockRestore();
    }
  });
});
