/** The widget's class, then the caller's extra class, if any. */
export const cx = (base: string, extra?: string): string => (extra ? `${base} ${extra}` : base);
