// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Popup } from '@/components/Popup';

afterEach(cleanup);

describe('Popup', () => {
  it('renders the Chinese title and the placeholder line', () => {
    render(<Popup />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('公报透镜');
    expect(screen.getByTestId('popup-status').textContent).toContain('后续版本');
    expect(screen.queryByText(/Gazette Lens v/)).toBeNull();
  });

  it('shows the version when given', () => {
    render(<Popup version="1.2.3" />);
    expect(screen.getByText('Gazette Lens v1.2.3')).toBeTruthy();
  });
});
