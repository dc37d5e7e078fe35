/** The product mark: a small eddy (a swirl), drawn inline. */
export function BrandMark() {
  return (
    <svg className="brand-mark" width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
      <defs>
        <linearGradient id="brand-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#5eead4" />
          <stop offset="1" stopColor="#38bdf8" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="#12332f" />
      <path
        d="M16 7.5a8.5 8.5 0 1 1-8.5 8.5 6 6 0 0 1 6-6 4.2 4.2 0 0 1 4.2 4.2 2.6 2.6 0 0 1-2.6 2.6"
        fill="none"
        stroke="url(#brand-gradient)"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
