/** Whether a percentage as written restates a ratio, allowing for how the writer rounded it. */

const decimalsOf = (text: string) => /[.,](\d+)\s*%/.exec(text)?.[1]?.length ?? 0;

/**
 * A stated "83,6%" agrees with 184/220 when the ratio rounds to it as written ("83,6" to one
 * decimal); "gần 30%" and "khoảng 80%" allow a whole point either way.
 */
export function percentAgrees(computed: number, stated: number, statedText: string, qualifier: string | null): boolean {
  const decimals = decimalsOf(statedText);
  if (Math.round(computed * 10 ** decimals) / 10 ** decimals === stated) return true;
  if (Math.abs(computed - stated) <= 0.5 * 10 ** -decimals + 1e-9) return true;
  return (qualifier === 'gần' || qualifier === 'khoảng') && Math.abs(computed - stated) <= 1;
}
