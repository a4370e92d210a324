// fs-native-extensions ships no types; this is the part Art28 uses (its README).
declare module "fs-native-extensions" {
  /** An exclusive (or shared) lock on an open file: true if granted, false if another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  /** Resolves once the lock is granted. */
  export function waitForLock(fd: number, options?: { shared?: boolean }): Promise<void>;
  export function unlock(fd: number): void;
}
