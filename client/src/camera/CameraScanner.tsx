/**
 * "Use camera": the device's camera as one more scanner (CAMCOUNT-1…6). Frames are read for a
 * tag's Code 128 (frame-reader.ts, in a worker); each code taken (read-debounce.ts) goes to
 * `onCode`, the very function the scan gun and the scan field call, which says what became of it.
 * A beep and a flash per code taken, the list of reads, problems in words; the camera is released
 * when the screen is left, the tab hidden, or Esc pressed.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import './camera.css';
import { problemOf, problemText, readerProblemText } from './camera-errors.ts';
import { type FrameReader, type FrameStats, startFrameReader } from './frame-reader.ts';
import { createReadDebouncer } from './read-debounce.ts';
import { K } from './strings.ts';

/** What the scan path made of a code: taken (counted), a repeat (already counted), refused. */
export type ScanOutcome = { readonly kind: 'taken' | 'repeat' | 'refused'; readonly text: string };

type Read = { readonly n: number; readonly code: string } & ScanOutcome;
type Phase = 'off' | 'starting' | 'on';

const MAX_READS = 30;
const FLASH_MS = 350;
/** Decode times are averaged over this many frames for the figure shown to tests and tuning. */
const STATS_WINDOW = 20;

export function CameraScanner(props: { onCode: (code: string) => ScanOutcome; testid?: string }) {
  const id = props.testid ?? 'camera';
  const [phase, setPhase] = createSignal<Phase>('off');
  const [problem, setProblem] = createSignal<string>();
  const [reads, setReads] = createSignal<readonly Read[]>([]);
  const [flash, setFlash] = createSignal<ScanOutcome['kind']>();
  const [stats, setStats] = createSignal<FrameStats & { frames: number }>();
  const debouncer = createReadDebouncer();
  let video: HTMLVideoElement | undefined;
  let toggle: HTMLButtonElement | undefined;
  let stream: MediaStream | undefined;
  let reader: FrameReader | undefined;
  let audio: AudioContext | undefined;
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let readCount = 0;
  const recent: number[] = [];

  const beep = (kind: ScanOutcome['kind']) => {
    if (!audio) return;
    try {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = kind === 'taken' ? 1320 : 330;
      gain.gain.value = 0.06;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + (kind === 'taken' ? 0.07 : 0.18));
    } catch {
      // No sound on this device: the flash and the list still say it.
    }
  };

  const onFrame = (text: string | undefined, frame: FrameStats) => {
    recent.push(frame.decodeMs);
    if (recent.length > STATS_WINDOW) recent.shift();
    const avg = recent.reduce((a, b) => a + b, 0) / recent.length;
    setStats((s) => ({ ...frame, decodeMs: avg, frames: (s?.frames ?? 0) + 1 }));
    if (text === undefined || !debouncer.see(text, performance.now())) return;
    const outcome = props.onCode(text);
    readCount += 1;
    setReads((rs) => [{ n: readCount, code: text, ...outcome }, ...rs].slice(0, MAX_READS));
    setFlash(outcome.kind);
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => setFlash(undefined), FLASH_MS);
    beep(outcome.kind);
  };

  const release = () => {
    generation += 1;
    reader?.stop();
    reader = undefined;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    if (video) video.srcObject = null;
    debouncer.reset();
    recent.length = 0;
  };

  const stop = () => {
    release();
    setPhase('off');
  };

  const start = async () => {
    setProblem(undefined);
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia) return setProblem(problemText('no-media-devices'));
    // Made on the click (a user gesture), so the beep may sound.
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      audio = undefined;
    }
    const mine = ++generation;
    setPhase('starting');
    let opened: MediaStream;
    try {
      opened = await media.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch (e) {
      if (mine !== generation) return;
      setPhase('off');
      return setProblem(problemText(problemOf(e), e));
    }
    // Stopped (Esc, screen left) while the browser was asking: give the camera back at once.
    if (mine !== generation || !video) {
      for (const track of opened.getTracks()) track.stop();
      return;
    }
    stream = opened;
    for (const track of opened.getVideoTracks())
      track.addEventListener('ended', () => {
        if (mine !== generation) return;
        stop();
        setProblem(K.lost);
      });
    video.srcObject = opened;
    try {
      await video.play();
    } catch {
      // Autoplay refused or interrupted: frames are read once the video plays.
    }
    if (mine !== generation) return;
    reader = startFrameReader(video, onFrame, {
      // The reader could not start or stopped answering (CAMCOUNT-5): the camera goes off, in words.
      onFailure: (why) => {
        if (mine !== generation) return;
        stop();
        setProblem(readerProblemText(why));
      },
    });
    setPhase('on');
  };

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || phase() === 'off') return;
      stop();
      toggle?.focus();
    };
    // A hidden tab (another app, the screen locked) gives the camera back.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && phase() !== 'off') stop();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onVisibility);
    onCleanup(() => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onVisibility);
    });
  });
  onCleanup(() => {
    release();
    clearTimeout(flashTimer);
    void audio?.close().catch(() => undefined);
  });

  return (
    <section class="camera-scanner" aria-label={K.view} data-testid={id} data-phase={phase()}>
      <button
        type="button"
        ref={toggle}
        data-testid={`${id}-toggle`}
        aria-pressed={phase() !== 'off'}
        onClick={() => (phase() === 'off' ? void start() : stop())}
      >
        {phase() === 'off' ? K.useCamera : K.stopCamera}
      </button>
      <Show when={problem()}>
        <p class="error" role="alert" data-testid={`${id}-problem`}>
          {problem()}
        </p>
      </Show>
      <Show when={phase() !== 'off'}>
        <div class="camera-view" data-flash={flash() ?? ''}>
          <video ref={video} muted playsinline aria-label={K.view} data-testid={`${id}-video`} />
          <span class="camera-aim" aria-hidden="true" />
        </div>
        <p
          class="muted"
          data-testid={`${id}-stats`}
          data-decode-ms={stats() ? stats()?.decodeMs.toFixed(1) : ''}
          data-capture-ms={stats() ? stats()?.captureMs.toFixed(1) : ''}
          data-frames={stats()?.frames ?? 0}
          data-size={stats() ? `${stats()?.width}x${stats()?.height}` : ''}
        >
          {phase() === 'starting' ? K.starting : K.aim}
        </p>
      </Show>
      <Show when={reads().length > 0 || phase() !== 'off'}>
        <h3 class="camera-reads-title">{K.reads}</h3>
        <p class="sr-only" role="status" aria-live="polite">
          {reads()[0] ? reads()[0]?.text : ''}
        </p>
        <Show when={reads().length > 0} fallback={<p class="muted">{K.noReads}</p>}>
          <ol class="camera-reads" data-testid={`${id}-reads`} tabindex="0" aria-label={K.reads}>
            <For each={reads()}>
              {(r) => (
                <li data-code={r.code} data-kind={r.kind} class={`camera-read ${r.kind}`}>
                  {r.text}
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </section>
  );
}
