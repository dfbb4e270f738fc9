// Browser APIs Fluent UI calls that jsdom lacks. Only the component tests (jsdom
// environment) need them; in the node environment this file does nothing.
import "@testing-library/jest-dom";
import { configure } from "@testing-library/react";

// The machine the suite runs on is shared: a lazy part of the pane can take seconds to load
// when every core is busy. findBy* and waitFor still fail when the awaited state never comes;
// they only wait longer than Testing Library's default second before saying so.
configure({ asyncUtilTimeout: 10_000 });

if (typeof window !== "undefined") {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!("ResizeObserver" in window)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
  }
  // jsdom does no layout, so offsetParent is always null and Fluent's focus manager
  // (tabster) takes every element for hidden and Tab leaves the pane. Layout-free rule:
  // an element is laid out unless it or an ancestor is hidden or display:none.
  Object.defineProperty(window.HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement) {
      const laidOut = (el: HTMLElement | null): boolean =>
        el === null || (!el.hidden && window.getComputedStyle(el).display !== "none" && laidOut(el.parentElement));
      return laidOut(this) ? this.parentElement : null;
    },
  });
  // Tabster also takes a zero-sized <body> for a hidden frame; give it the window's size.
  window.HTMLBodyElement.prototype.getBoundingClientRect = function () {
    const { innerWidth: width, innerHeight: height } = window;
    return { x: 0, y: 0, top: 0, left: 0, width, height, right: width, bottom: height, toJSON: () => ({}) } as DOMRect;
  };
  if (!window.HTMLElement.prototype.scrollIntoView) window.HTMLElement.prototype.scrollIntoView = () => undefined;
}
