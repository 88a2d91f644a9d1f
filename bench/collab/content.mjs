// Document content as the editors store it (see libs/document-schema): a Y.XmlFragment named
// `default` of paragraph elements holding Y.XmlText.
import * as Y from 'yjs';

export const FRAGMENT = 'default';

const WORDS = (
  'multistakeholder internet governance forum best practice cybersecurity capacity development '
  + 'norms responsible behaviour incident response coordination critical infrastructure protection '
  + 'participation civil society academia technical community governments private sector recommendations'
).split(' ');

/** Deterministic pseudo-random prose, so every run and every server gets the same bytes. */
function prose(length, seed) {
  let state = seed;
  const words = [];
  let size = 0;
  while (size <= length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const word = WORDS[state % WORDS.length];
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ').slice(0, length);
}

/**
 * A Yjs update that creates a realistic draft of about `textBytes` characters: paragraphs of about
 * 120 characters, each written in its own transaction (as typing in paragraphs would leave it).
 */
export function draftUpdate(textBytes = 5000) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(FRAGMENT);
  let written = 0;
  let seed = 7;
  while (written < textBytes) {
    const length = Math.min(120, textBytes - written);
    doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(prose(length, seed++))]);
      fragment.push([paragraph]);
    });
    written += length;
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Total characters of text in the document's paragraphs. */
export function textLength(doc) {
  let length = 0;
  for (const paragraph of doc.getXmlFragment(FRAGMENT).toArray()) {
    for (const child of paragraph.toArray()) if (child instanceof Y.XmlText) length += child.length;
  }
  return length;
}

/**
 * A typist: a local replica that owns one paragraph and appends one character per update, like
 * typing. It does not apply other clients' updates (they do not affect where it types), which keeps
 * the client's cost the same whatever the server does. `clock` identifies each update: the Yjs clock
 * of this client after it, which is what receivers read with Y.parseUpdateMeta.
 */
export class Typist {
  constructor() {
    this.doc = new Y.Doc();
    this.id = this.doc.clientID;
    this.text = null;
    this.updates = [];
    this.doc.on('update', (update) => this.updates.push(update));
  }

  /** The update creating its paragraph (sent once, before typing starts). */
  start() {
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      this.text = new Y.XmlText();
      paragraph.insert(0, [this.text]);
      this.doc.getXmlFragment(FRAGMENT).push([paragraph]);
    });
    return this.take();
  }

  /** The update typing one more character. */
  type(character = 'x') {
    this.text.insert(this.text.length, character);
    return this.take();
  }

  take() {
    const update = this.updates.length === 1 ? this.updates[0] : Y.mergeUpdates(this.updates);
    this.updates = [];
    return update;
  }

  /** This client's clock so far (the number of items it has created). */
  get clock() {
    return Y.getState(this.doc.store, this.id);
  }
}

/** The clock a received update brings `clientId` to, or 0 if it holds nothing of that client. */
export function clockOf(update, clientId) {
  return Y.parseUpdateMeta(update).to.get(clientId) ?? 0;
}
