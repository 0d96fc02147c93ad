/** The app-wide upload queue (see uploadQueue.ts) with its state as Svelte state, for the shell and the Files page. */
import { uploadTransport } from '../api';
import { UploadQueue, type UploadQueueState } from './uploadQueue';

export const uploadState = $state<UploadQueueState>({ items: [], paused: false });

export const uploadQueue = new UploadQueue(uploadTransport, localStorage, (next) => {
  uploadState.items = next.items;
  uploadState.paused = next.paused;
});
