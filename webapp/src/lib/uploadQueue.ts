/**
 * The app's one upload queue, kept apart from any page so uploads go on (and stay visible) while the user looks at
 * other pages. The page that starts uploads lends its conflict dialog while it is shown, and hears when files arrive
 * so it can reload its folder.
 */
import {
  Uploader,
  type ConflictResolver,
  type ResumeStore,
  type UploadItem,
  type UploadTransport,
} from './uploader';

export interface UploadQueueState {
  items: UploadItem[];
  paused: boolean;
}

export class UploadQueue {
  readonly uploader: Uploader;
  private resolver: ConflictResolver | null = null;
  private readonly arrivalListeners = new Set<(item: UploadItem) => void>();

  constructor(
    transport: UploadTransport,
    store: ResumeStore,
    /** Receives the queue's state after every change. */
    private readonly publish: (state: UploadQueueState) => void,
  ) {
    this.uploader = new Uploader(transport, store, (name, folder) => this.resolve(name, folder), (finished) => {
      this.publish({ items: this.uploader.items, paused: this.uploader.isPaused });
      if (finished) for (const listener of this.arrivalListeners) listener(finished);
    });
  }

  /** Lends a conflict dialog; returns how to take it back (when the page goes away). */
  useConflictResolver(resolver: ConflictResolver): () => void {
    this.resolver = resolver;
    return () => {
      if (this.resolver === resolver) this.resolver = null;
    };
  }

  /** Calls `listener` for every file that arrives; returns how to stop. */
  onArrival(listener: (item: UploadItem) => void): () => void {
    this.arrivalListeners.add(listener);
    return () => this.arrivalListeners.delete(listener);
  }

  private resolve(name: string, folder: string): ReturnType<ConflictResolver> {
    // Only the page showing the dialog adds uploads; if it went away meanwhile, nothing is overwritten.
    return this.resolver ? this.resolver(name, folder) : Promise.resolve({ choice: 'skip', forAll: true });
  }
}
