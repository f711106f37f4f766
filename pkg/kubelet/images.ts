// Images per imagePullPolicy, as the kubelet's image manager: Never uses what is there, IfNotPresent
// pulls what is missing, Always pulls every time. A failed pull is ErrImagePull, and the pod's next
// attempts back off (ImagePullBackOff, with the registry's message) before pulling again.
import type { Logger } from '../util/log.js';
import type { Backoff } from './backoff.js';
import { goDuration } from './duration.js';
import type { EventSink } from './events.js';
import type { KubeletMetrics } from './metrics.js';
import type { Runtime } from './runtime/interface.js';
import type { Container, Pod } from './types.js';

/** ImageResult is the image to run, or why the container must wait and when to look again. */
export type ImageResult = { ok: true; imageRef: string } | { ok: false; reason: string; message: string; retryAt?: number };

/** normalizeImage names an image as containerd does: docker.io/library/busybox:latest for busybox. */
export function normalizeImage(ref: string): string {
  let name = ref;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at);
    name = name.slice(0, at);
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  if (!digest && !name.slice(name.lastIndexOf('/') + 1).includes(':')) name += ':latest';
  return name + digest;
}

/** pullPolicy is the container's imagePullPolicy, defaulted as the API server does. */
export function pullPolicy(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  const last = image.slice(image.lastIndexOf('/') + 1);
  return !image.includes('@') && (!last.includes(':') || last.endsWith(':latest')) ? 'Always' : 'IfNotPresent';
}

/** ImageManager makes sure a container's image is on the node. */
export class ImageManager {
  private present = new Set<string>();
  private listed = 0;
  private listing: Promise<void> | null = null;
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly lastError = new Map<string, string>();

  constructor(
    private readonly runtime: Runtime,
    private readonly events: EventSink,
    private readonly backoff: Backoff,
    private readonly logger: Logger,
    private readonly metrics?: KubeletMetrics,
    /** how soon a container waiting for an image that must not be pulled looks again */
    private readonly retryMs = 10_000,
  ) {}

  /** forget drops what is known about present images (after a create failed for want of one). */
  forget(): void {
    this.present.clear();
    this.listed = 0;
  }

  /** ensure pulls the container's image if its policy says so; events go to the pod. */
  async ensure(pod: Pod, c: Container, fieldPath: string, beforePull?: () => Promise<void>): Promise<ImageResult> {
    const image = c.image ?? '';
    const ev = { kind: 'Pod' as const, name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, fieldPath };
    const policy = pullPolicy(c);
    if (policy !== 'Always' && (await this.isPresent(image))) {
      this.events.event(ev, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return { ok: true, imageRef: image };
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      this.events.event(ev, 'Warning', 'ErrImageNeverPull', message);
      // Someone may import it (kubelite images import): look again later.
      return { ok: false, reason: 'ErrImageNeverPull', message, retryAt: Date.now() + this.retryMs };
    }
    const key = `${pod.metadata.uid}/${image}`;
    if (this.backoff.isInBackOffSinceUpdate(key)) {
      this.events.event(ev, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.events.event(ev, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      const retryAt = (this.backoff.lastUpdate(key) ?? Date.now()) + this.backoff.get(key);
      return { ok: false, reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${this.lastError.get(key) ?? 'pull failed'}`, retryAt };
    }
    this.events.event(ev, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const started = Date.now();
    try {
      await beforePull?.();
      const ref = await this.pull(image);
      const took = goDuration(Date.now() - started);
      const size = (await this.runtime.listImages().catch(() => [])).find((i) => i.id === ref || i.repoTags.some((t) => normalizeImage(t) === normalizeImage(image)))?.size;
      this.events.event(ev, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting).${size ? ` Image size: ${size} bytes.` : ''}`);
      this.backoff.reset(key);
      this.lastError.delete(key);
      return { ok: true, imageRef: ref };
    } catch (err) {
      const message = (err as Error).message;
      this.events.event(ev, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`);
      this.events.event(ev, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.backoff.next(key, Date.now());
      this.lastError.set(key, message);
      // Look again halfway through the delay, so the status moves on to ImagePullBackOff.
      return { ok: false, reason: 'ErrImagePull', message, retryAt: Date.now() + Math.max(1, Math.floor(this.backoff.get(key) / 2)) };
    }
  }

  /** forgetPod drops a pod's pull backoff. */
  forgetPod(uid: string): void {
    this.backoff.forgetPrefix(`${uid}/`);
    for (const k of this.lastError.keys()) if (k.startsWith(`${uid}/`)) this.lastError.delete(k);
  }

  private async isPresent(image: string): Promise<boolean> {
    const want = normalizeImage(image);
    if (this.present.has(want)) return true;
    // A miss lists again, once for every pod asking at the same moment, and not more than once a second.
    if (!this.listing && Date.now() - this.listed >= 1000) {
      this.listed = Date.now();
      this.listing = this.runtime.listImages().then((images) => {
        for (const i of images) for (const ref of [...i.repoTags, ...i.repoDigests]) this.present.add(normalizeImage(ref));
      }).finally(() => {
        this.listing = null;
      });
    }
    if (this.listing) await this.listing;
    return this.present.has(want);
  }

  // Pulls of one image share one runtime call, however many pods want it at once.
  private pull(image: string): Promise<string> {
    const want = normalizeImage(image);
    let p = this.inflight.get(want);
    if (p) return p;
    const log = this.logger.child({ image });
    const timer = this.metrics?.imagePull.startTimer();
    p = this.runtime.pullImage(image, (progress) => {
      if (progress.phase === 'started') log.info('pulling image');
      else if (progress.phase === 'pulling') log.info({ elapsedMs: progress.elapsedMs }, 'still pulling image');
      else log.info({ elapsedMs: progress.elapsedMs }, 'pulled image');
    }).then((ref) => {
      this.present.add(want);
      return ref;
    }, (err: unknown) => {
      log.warn({ err: (err as Error).message }, 'image pull failed');
      throw err;
    }).finally(() => {
      timer?.();
      this.inflight.delete(want);
    });
    this.inflight.set(want, p);
    return p;
  }
}
