import { useEffect, type RefObject } from "react";

const SCROLLERS = ".table-wrap, .scroll-box";

/**
 * A box that scrolls (a wide table on a phone, a long list in its own box) must be reachable by the
 * keyboard, or a keyboard user cannot see what is cut off (WCAG 2.1.1). Every such box in `root`
 * that really overflows gets into the tab order, and leaves it when it fits again. Watching the DOM
 * keeps this in one place instead of in every table of every page.
 */
export function useKeyboardScrollRegions(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element) {
      return undefined;
    }
    let frame = 0;
    const update = () => {
      frame = 0;
      for (const box of element.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          box.tabIndex = 0;
          box.dataset.scrollRegion = "true";
        } else if (!scrolls && box.dataset.scrollRegion === "true") {
          box.removeAttribute("tabindex");
          delete box.dataset.scrollRegion;
        }
      }
    };
    const schedule = () => {
      if (frame === 0) {
        frame = window.requestAnimationFrame(update);
      }
    };
    const observer = new MutationObserver(schedule);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    window.addEventListener("resize", schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", schedule);
      if (frame !== 0) {
        window.cancelAnimationFrame(frame);
      }
    };
  }, [root]);
}
