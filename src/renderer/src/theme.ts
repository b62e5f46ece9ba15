import { createTheme } from '@mantine/core';

/** The console's look: compact, data-dense, one accent colour. */
export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Badge: {
      defaultProps: { variant: 'light', radius: 'sm' },
      // Words, not colour alone: a badge's label is never cut to an ellipsis.
      styles: { root: { textTransform: 'none', fontWeight: 600, flexShrink: 0 }, label: { overflow: 'visible' } },
    },
  },
});
