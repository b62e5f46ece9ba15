import type { ComponentType } from 'react';

/** A page in its own chunk, imported once: when its route first renders, or ahead of that. */
export interface PageChunk {
  load(): Promise<ComponentType>;
  /** The page, once its chunk is in. */
  readonly page: ComponentType | null;
}

export function pageChunk(importPage: () => Promise<ComponentType>): PageChunk {
  let loading: Promise<ComponentType> | null = null;
  const chunk = {
    page: null as ComponentType | null,
    load: () => (loading ??= importPage().then((page) => (chunk.page = page))),
  };
  return chunk;
}
