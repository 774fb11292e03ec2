// Every chat command, in the order /giup and Telegram's menu show them. Adding a command: write
// commands/<name>.ts exporting a defineCommand(...) and add it here; the parser, /giup and the
// Telegram menu pick it up from this list.
import type { AnyCommand } from '../src/chat/command.ts';
import { dangnhap } from './dangnhap.ts';
import { giao } from './giao.ts';
import { giup } from './giup.ts';
import { hoan } from './hoan.ts';
import { hoantac } from './hoantac.ts';
import { lienket } from './lienket.ts';
import { mo } from './mo.ts';
import { quahan } from './quahan.ts';
import { tinhtrang } from './tinhtrang.ts';
import { viec } from './viec.ts';
import { xong } from './xong.ts';
import { pakn } from './pakn.ts';
import { hoso } from './hoso.ts';
import { huy } from './huy.ts';
import { baocao } from './baocao.ts';
import { nhac } from './nhac.ts';
import { nhomdonvi } from './nhomdonvi.ts';

export const COMMANDS: readonly AnyCommand[] = [
  viec,
  xong,
  hoantac,
  mo,
  giao,
  huy,
  nhac,
  quahan,
  tinhtrang,
  hoan,
  pakn,
  hoso,
  baocao,
  nhomdonvi,
  lienket,
  giup,
  dangnhap,
];
