// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraScanner } from './CameraScanner.tsx';
import { problemOf } from './camera-errors.ts';
import { K } from './strings.ts';

const original = Object.getOwnPropertyDescriptor(navigator, 'mediaDevices');
function setMedia(media: unknown) {
  Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true });
}
/**
 * jsdom has no Worker. The camera's tests that need it running get one that starts and waits (jsdom's
 * video never has a frame, so nothing is ever posted to it); the e2e specs run the real one.
 */
class WaitingWorker {
  onmessage: unknown = null;
  onerror: unknown = null;
  postMessage(): void {}
  terminate(): void {}
}
const withWorker = () => vi.stubGlobal('Worker', WaitingWorker);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  if (original) Object.defineProperty(navigator, 'mediaDevices', original);
  else Reflect.deleteProperty(navigator, 'mediaDevices');
});

/** A camera stream whose track records being stopped. */
function fakeStream() {
  const track = { stop: vi.fn(), addEventListener: vi.fn(), readyState: 'live' };
  return {
    track,
    stream: { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream,
  };
}

const onCode = () => ({ kind: 'taken' as const, text: 'counted' });

describe('CameraScanner', () => {
  it('CAMCOUNT-4: a refused permission is said in words, and the camera stays off', async () => {
    setMedia({ getUserMedia: vi.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError')) });
    render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    expect((await screen.findByRole('alert')).textContent).toContain(K.denied);
    expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('off');
    expect(screen.getByTestId('camera-toggle').textContent).toContain(K.useCamera);
  });

  it('CAMCOUNT-4: a device with no camera, or no camera API at all, is said in words', async () => {
    setMedia({ getUserMedia: vi.fn().mockRejectedValue(new DOMException('none', 'NotFoundError')) });
    const first = render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    expect((await screen.findByRole('alert')).textContent).toContain(K.noCamera);
    first.unmount();
    setMedia(undefined);
    render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    expect((await screen.findByRole('alert')).textContent).toContain(K.noMediaDevices);
  });

  it('CAMCOUNT-4: each getUserMedia failure has its own sentence', () => {
    expect(problemOf(new DOMException('', 'NotAllowedError'))).toBe('denied');
    expect(problemOf(new DOMException('', 'SecurityError'))).toBe('denied');
    expect(problemOf(new DOMException('', 'OverconstrainedError'))).toBe('no-camera');
    expect(problemOf(new DOMException('', 'NotReadableError'))).toBe('busy');
    expect(problemOf(new Error('odd'))).toBe('failed');
    expect(problemOf(null)).toBe('failed');
  });

  it('CAMCOUNT-5: where the barcode reader cannot start (no Worker), the camera is given back and the screen says so', async () => {
    const { stream, track } = fakeStream();
    setMedia({ getUserMedia: vi.fn().mockResolvedValue(stream) });
    render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    expect((await screen.findByRole('alert')).textContent).toBe(K.readerNoStart);
    expect(K.readerNoStart).toContain('The scan field still works.');
    expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('off');
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('CAMCOUNT-6: the camera is given back when the screen is left', async () => {
    withWorker();
    const { stream, track } = fakeStream();
    const getUserMedia = vi.fn().mockResolvedValue(stream);
    setMedia({ getUserMedia });
    const view = render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    await waitFor(() => expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('on'));
    expect(getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({ video: expect.objectContaining({ facingMode: 'environment' }) }),
    );
    expect(track.stop).not.toHaveBeenCalled();
    view.unmount();
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('CAMCOUNT-6: Esc stops the camera and gives the focus back to its button', async () => {
    withWorker();
    const { stream, track } = fakeStream();
    setMedia({ getUserMedia: vi.fn().mockResolvedValue(stream) });
    render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    await waitFor(() => expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('on'));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(track.stop).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('off');
    expect(document.activeElement).toBe(screen.getByTestId('camera-toggle'));
  });

  it('CAMCOUNT-6: stopped while the browser was still asking, the camera is given back at once', async () => {
    const { stream, track } = fakeStream();
    let grant: (s: MediaStream) => void = () => undefined;
    setMedia({ getUserMedia: () => new Promise<MediaStream>((r) => (grant = r)) });
    render(() => <CameraScanner onCode={onCode} />);
    fireEvent.click(screen.getByTestId('camera-toggle'));
    expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('starting');
    fireEvent.click(screen.getByTestId('camera-toggle'));
    grant(stream);
    await waitFor(() => expect(track.stop).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('camera').getAttribute('data-phase')).toBe('off');
  });
});
