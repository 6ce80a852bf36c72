/**
 * WGSL helper functions the kernels call (`tg_*`), written for IEEE results where WGSL leaves them to the
 * implementation: WGSL compilers may assume no NaN or infinity (so `x != x` can be folded to false, and
 * `log(0)` or `exp(NaN)` are unspecified), and some built-ins are far less precise than float32
 * (SwiftShader's `sin` is off by 1e-2 at |x| = 15). Each helper has a float version and, where ops take
 * integers, an integer one; a shader includes only the helpers its code names.
 */

interface Helper {
  f32: string;
  i32?: string;
}

const H: Record<string, Helper> = {
  // A function argument is not a constant expression, so bitcasting it to inf/NaN is legal WGSL.
  tg_bits: { f32: 'fn tg_bits(u: u32) -> f32 { return bitcast<f32>(u); }' },
  tg_inf: { f32: 'fn tg_inf() -> f32 { return tg_bits(0x7f800000u); }' },
  tg_nan: { f32: 'fn tg_nan() -> f32 { return tg_bits(0x7fc00000u); }' },
  tg_isnan: {
    f32: 'fn tg_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }',
    i32: 'fn tg_isnan(x: i32) -> bool { return false; }',
  },
  tg_isinf: {
    f32: 'fn tg_isinf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }',
    i32: 'fn tg_isinf(x: i32) -> bool { return false; }',
  },
  // float → int32 as a typed array stores it: truncation, with NaN and ±inf giving 0
  tg_f2i: { f32: 'fn tg_f2i(x: f32) -> i32 { return select(i32(x), 0, (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u); }' },
  tg_max: {
    f32: 'fn tg_max(a: f32, b: f32) -> f32 { if (tg_isnan(a)) { return a; } if (tg_isnan(b)) { return b; } return select(b, a, a > b); }',
    i32: 'fn tg_max(a: i32, b: i32) -> i32 { return max(a, b); }',
  },
  tg_min: {
    f32: 'fn tg_min(a: f32, b: f32) -> f32 { if (tg_isnan(a)) { return a; } if (tg_isnan(b)) { return b; } return select(b, a, a < b); }',
    i32: 'fn tg_min(a: i32, b: i32) -> i32 { return min(a, b); }',
  },
  // comparisons with NaN are false, so NaN lands on 0 as in PyTorch
  tg_sign: {
    f32: 'fn tg_sign(a: f32) -> f32 { return select(select(0.0, -1.0, a < 0.0), 1.0, a > 0.0); }',
    i32: 'fn tg_sign(a: i32) -> i32 { return select(select(0, -1, a < 0), 1, a > 0); }',
  },
  tg_relu: {
    f32: 'fn tg_relu(a: f32) -> f32 { return select(0.0, a, a > 0.0 || tg_isnan(a)); }',
    i32: 'fn tg_relu(a: i32) -> i32 { return max(a, 0); }',
  },
  tg_clamp: {
    f32: 'fn tg_clamp(a: f32, lo: f32, hi: f32) -> f32 { let m = select(a, lo, a < lo); return select(m, hi, m > hi); }',
    i32: 'fn tg_clamp(a: i32, lo: i32, hi: i32) -> i32 { let m = select(a, lo, a < lo); return select(m, hi, m > hi); }',
  },
  tg_floor: { f32: 'fn tg_floor(a: f32) -> f32 { return floor(a); }', i32: 'fn tg_floor(a: i32) -> i32 { return a; }' },
  tg_ceil: { f32: 'fn tg_ceil(a: f32) -> f32 { return ceil(a); }', i32: 'fn tg_ceil(a: i32) -> i32 { return a; }' },
  // WGSL's round() already rounds half to even
  tg_round: { f32: 'fn tg_round(a: f32) -> f32 { return round(a); }', i32: 'fn tg_round(a: i32) -> i32 { return a; }' },
  tg_exp: { f32: 'fn tg_exp(a: f32) -> f32 { return select(exp(a), a, tg_isnan(a)); }' },
  tg_log: {
    f32: `fn tg_log(a: f32) -> f32 {
  if (tg_isnan(a) || a < 0.0) { return tg_nan(); }
  if (a == 0.0) { return -tg_inf(); }
  if (tg_isinf(a)) { return a; }
  return log(a);
}`,
  },
  tg_log2: {
    f32: `fn tg_log2(a: f32) -> f32 {
  if (tg_isnan(a) || a < 0.0) { return tg_nan(); }
  if (a == 0.0) { return -tg_inf(); }
  if (tg_isinf(a)) { return a; }
  return log2(a);
}`,
  },
  tg_sqrt: { f32: 'fn tg_sqrt(a: f32) -> f32 { return select(sqrt(a), tg_nan(), a < 0.0 || tg_isnan(a)); }' },
  tg_rsqrt: {
    f32: `fn tg_rsqrt(a: f32) -> f32 {
  if (a < 0.0 || tg_isnan(a)) { return tg_nan(); }
  if (a == 0.0) { return select(tg_inf(), -tg_inf(), bitcast<u32>(a) != 0u); }
  if (tg_isinf(a)) { return 0.0; }
  return inverseSqrt(a);
}`,
  },
  // log1p(a) = 2 atanh(a / (2 + a)); the series in s = a/(2+a) keeps full precision near 0
  tg_log1p: {
    f32: `fn tg_log1p(a: f32) -> f32 {
  if (abs(a) < 0.5) {
    let s = a / (2.0 + a);
    let z = s * s;
    return 2.0 * s * (1.0 + z * (0.33333333 + z * (0.2 + z * (0.14285714 + z * (0.11111111 + z * (0.09090909 + z * (0.07692308 + z * 0.06666667)))))));
  }
  if (tg_isinf(a) && a > 0.0) { return a; }
  return tg_log(1.0 + a);
}`,
  },
  // Taylor series near 0, where exp(a) − 1 would cancel
  tg_expm1: {
    f32: `fn tg_expm1(a: f32) -> f32 {
  if (abs(a) < 0.5) {
    return a * (1.0 + a * (0.5 + a * (0.16666667 + a * (0.041666668 + a * (0.008333334 + a * (0.0013888889 + a * (0.0001984127 + a * 0.0000248016)))))));
  }
  return tg_exp(a) - 1.0;
}`,
  },
  tg_tanh: {
    f32: `fn tg_tanh(a: f32) -> f32 {
  if (abs(a) > 9.0) { return select(-1.0, 1.0, a > 0.0); }
  let e = tg_expm1(2.0 * a);
  return e / (e + 2.0);
}`,
  },
  tg_sigmoid: {
    f32: `fn tg_sigmoid(a: f32) -> f32 {
  if (a >= 0.0) { return 1.0 / (1.0 + exp(-a)); }
  let e = tg_exp(a);
  return e / (1.0 + e);
}`,
  },
  // Cody–Waite reduction by π/2 in three parts (exact products for |k| < 2^16), then Cephes' float polynomials
  tg_sincos_reduce: {
    f32: `fn tg_sincos_reduce(a: f32) -> vec3<f32> {
  let k = round(a * 0.63661977236758134);
  let r = ((a - k * 1.5703125) - k * 4.837512969970703125e-4) - k * 7.54978995489188216e-8;
  let z = r * r;
  let s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  return vec3<f32>(s, c, k);
}`,
  },
  tg_sin: {
    f32: `fn tg_sin(a: f32) -> f32 {
  let v = tg_sincos_reduce(a);
  if (tg_isnan(v.z) || tg_isinf(a)) { return tg_nan(); }
  let q = i32(v.z - 4.0 * floor(v.z * 0.25));
  return select(select(select(-v.y, -v.x, q == 2), v.y, q == 1), v.x, q == 0);
}`,
  },
  tg_cos: {
    f32: `fn tg_cos(a: f32) -> f32 {
  let v = tg_sincos_reduce(a);
  if (tg_isnan(v.z) || tg_isinf(a)) { return tg_nan(); }
  let q = i32(v.z - 4.0 * floor(v.z * 0.25));
  return select(select(select(v.x, -v.y, q == 2), -v.x, q == 1), v.y, q == 0);
}`,
  },
  // erf: its Taylor series below 0.5; above, 1 − erfc by Numerical Recipes' Chebyshev fit (relative error < 1.2e-7)
  tg_erf: {
    f32: `fn tg_erf(a: f32) -> f32 {
  let x = abs(a);
  if (tg_isnan(a)) { return a; }
  if (x < 0.5) {
    let z = a * a;
    return 1.1283791670955126 * a * (1.0 + z * (-0.33333333 + z * (0.1 + z * (-0.023809524 + z * (0.0046296296 + z * (-0.00075757576 + z * 0.00010683761))))));
  }
  if (x > 4.0) { return select(-1.0, 1.0, a > 0.0); }
  let t = 1.0 / (1.0 + 0.5 * x);
  let erfc = t * exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return select(erfc - 1.0, 1.0 - erfc, a > 0.0);
}`,
  },
  // C's pow: negative bases take integer exponents only, 1 ** y = 1, (−1) ** ±inf = 1; small integer exponents
  // are computed by squaring, which is more precise than exp2(b · log2 a)
  tg_pow: {
    f32: `fn tg_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0 || a == 1.0) { return 1.0; }
  if (tg_isnan(a) || tg_isnan(b)) { return tg_nan(); }
  let ia = abs(a);
  if (tg_isinf(b)) {
    if (ia == 1.0) { return 1.0; }
    return select(0.0, tg_inf(), (ia > 1.0) == (b > 0.0));
  }
  let integral = floor(b) == b;
  let odd = integral && abs(b) < 16777216.0 && floor(b * 0.5) != b * 0.5;
  // the sign bit, so that −0 counts as negative: (−0) ** −1 is −inf
  let negative = bitcast<u32>(a) >= 0x80000000u;
  var r: f32;
  if (ia == 0.0 || tg_isinf(ia)) {
    r = select(0.0, tg_inf(), (ia == 0.0) == (b < 0.0));
  } else if (negative && !integral) {
    return tg_nan();
  } else if (integral && abs(b) <= 64.0) {
    var n = u32(abs(b));
    var base = ia;
    r = 1.0;
    loop {
      if ((n & 1u) != 0u) { r = r * base; }
      n = n >> 1u;
      if (n == 0u) { break; }
      base = base * base;
    }
    if (b < 0.0) { r = 1.0 / r; }
  } else {
    r = pow(ia, b);
  }
  return select(r, -r, odd && negative);
}`,
    i32: `fn tg_pow(a: i32, b: i32) -> i32 {
  if (b < 0) { return select(select(0, select(1, -1, (b & 1) != 0), a == -1), 1, a == 1); }
  var n = u32(b);
  var base = a;
  var r = 1;
  loop {
    if (n == 0u) { break; }
    if ((n & 1u) != 0u) { r = r * base; }
    n = n >> 1u;
    base = base * base;
  }
  return r;
}`,
  },
  // the scalar-exponent form computes ±0.5 as sqrt and rsqrt, as PyTorch does ((−∞) ** 0.5 is NaN there)
  tg_pow_scalar: {
    f32: `fn tg_pow_scalar(a: f32, p: f32) -> f32 {
  if (p == 2.0) { return a * a; }
  if (p == 0.5) { return tg_sqrt(a); }
  if (p == -0.5) { return tg_rsqrt(a); }
  return tg_pow(a, p);
}`,
    i32: 'fn tg_pow_scalar(a: i32, p: i32) -> i32 { return tg_pow(a, p); }',
  },
};

const NAME = /\btg_[a-z0-9_]+/g;

/**
 * The helper functions `code` calls, directly or through other helpers, for computation type `t`.
 * @example mathPrelude('f32', 'out[i] = tg_log(a);') // tg_bits, tg_inf, tg_nan, tg_isnan, tg_isinf, tg_log
 */
export function mathPrelude(t: 'f32' | 'i32', code: string): string {
  const seen = new Set<string>();
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const h = H[name];
    if (!h) throw new Error(`webgpu: unknown WGSL helper ${name}`);
    const src = (t === 'i32' ? h.i32 : undefined) ?? h.f32;
    if (t === 'i32' && !h.i32 && !['tg_bits', 'tg_inf', 'tg_nan', 'tg_f2i'].includes(name)) {
      throw new Error(`webgpu: WGSL helper ${name} has no integer form`);
    }
    for (const dep of src.slice(src.indexOf('{')).match(NAME) ?? []) if (dep !== name) visit(dep);
    ordered.push(src);
  };
  for (const name of code.match(NAME) ?? []) visit(name);
  return ordered.join('\n');
}
