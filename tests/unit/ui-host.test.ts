// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createUiHost, HOST_CSS } from '@/dom/ui-host';

afterEach(() => {
  document.querySelectorAll('[data-gazette-lens]').forEach((e) => e.remove());
});

describe('our UI hosts', () => {
  it('are marked as ours, closed by default, and carry the :host rule that outranks the page', () => {
    const { host, root } = createUiHost(document, 'gazette-lens-test');
    document.documentElement.append(host);
    expect(host.localName).toBe('gazette-lens-test');
    expect(host.hasAttribute('data-gazette-lens')).toBe(true);
    expect(host.shadowRoot).toBeNull(); // what the page sees
    expect(root.mode).toBe('closed');
    expect(root.querySelector('style')!.textContent).toBe(HOST_CSS);
    expect(HOST_CSS).toMatch(/all: initial !important; display: block !important; visibility: visible !important/);
  });

  it('fall back to a <div> when the page defined a custom element of that name and took its shadow root', () => {
    customElements.define(
      'gazette-lens-taken',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).textContent = 'the page was here';
        }
      },
    );
    const { host, root } = createUiHost(document, 'gazette-lens-taken', 'open');
    expect(host.localName).toBe('div');
    expect(host.hasAttribute('data-gazette-lens')).toBe(true);
    expect(host.shadowRoot).toBe(root);
    expect(root.textContent).not.toContain('the page was here');
  });
});
