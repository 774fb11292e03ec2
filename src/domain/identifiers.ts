// What a username and a unit code may look like: one rule for the CLI's arguments, the web
// console's forms and anything else that creates them. Each returns the Vietnamese reason a text
// is refused, or undefined when it is fine.

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/;
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export function usernameProblem(text: string): string | undefined {
  return USERNAME.test(text)
    ? undefined
    : `tên đăng nhập "${text}" chỉ gồm chữ thường không dấu, số, - _ . (2–32 ký tự).`;
}

export function unitCodeProblem(text: string): string | undefined {
  return UNIT_CODE.test(text) ? undefined : `mã "${text}" chỉ gồm chữ không dấu, số, - _ . (tối đa 32 ký tự).`;
}
