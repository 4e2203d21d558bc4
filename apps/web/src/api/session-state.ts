import { useSyncExternalStore } from 'react';

/** Whether the app believed someone logged in, and whether that session has since ended. */
let loggedIn = false;
let expired = false;
const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((listener) => listener());

export function sessionStarted(): void {
  loggedIn = true;
  if (expired) {
    expired = false;
    notify();
  }
}

/** A 401: only news when the app thought it was logged in (logged-out pages expect 401s from /me). */
export function sessionLost(): void {
  if (!loggedIn || expired) return;
  loggedIn = false;
  expired = true;
  notify();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useSessionExpired = (): boolean => useSyncExternalStore(subscribe, () => expired);
