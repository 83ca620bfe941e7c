// Draws the frame the view models built: one Text per line (one per cell when
// a line has columns), one nested Text per styled segment. Lines that did not
// change are not re-rendered. The view models already escaped every text
// (model/text.ts `clean`); `inert` here is the last guard before Ink, which
// passes escape sequences through to the terminal.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { inert } from '../../shared/terminal-text.js';
import type { Line, Segment } from '../state/text.js';

const sameSegment = (a: Segment, b: Segment) =>
  a.text === b.text && a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.inverse === b.inverse && a.cell === b.cell;
const sameLine = (a: { line: Line }, b: { line: Line }) =>
  a.line === b.line || (a.line.length === b.line.length && a.line.every((s, i) => sameSegment(s, b.line[i]!)));

function Cell({ segments }: { segments: Line }) {
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text
          key={i}
          {...(s.color ? { color: s.color } : {})}
          bold={s.bold === true}
          dimColor={s.dim === true}
          inverse={s.inverse === true}
        >
          {inert(s.text)}
        </Text>
      ))}
    </Text>
  );
}

function cells(line: Line): Line[] {
  const out: Line[] = [];
  for (const s of line) {
    if (s.cell || out.length === 0) out.push([]);
    out[out.length - 1]!.push(s);
  }
  return out;
}

const ScreenLine = memo(function ScreenLine({ line }: { line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  if (!line.some((s, i) => i > 0 && s.cell)) return <Cell segments={line} />;
  return (
    <Box flexDirection="row">
      {cells(line).map((c, i) => (
        <Cell key={i} segments={c} />
      ))}
    </Box>
  );
}, sameLine);

export function Screen({ lines }: { lines: Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <ScreenLine key={i} line={line} />
      ))}
    </Box>
  );
}
