import { isFloat, where, type Tensor } from '@typegrad/tensor';

/** The sizes a mask must fit: batch B, heads H, queries L and keys S. */
export interface MaskShape {
  batch: number;
  heads: number;
  queries: number;
  keys: number;
}

/**
 * Turns `nn.MultiheadAttention`'s masks into the one mask `scaledDotProductAttention` takes. PyTorch's layer and its
 * functional attention read bool masks the opposite way round: for the layer, `true` means "may not attend" (and
 * marks padding), for the function `true` means "may attend". Float masks are added to the scores in both.
 *
 * `attnMask` is [L, S], [B·H, L, S] or [B, H, L, S]; `keyPaddingMask` is [B, S]. The result broadcasts to
 * [B, H, L, S]: bool where both masks are bool (true where attending is allowed), else float (0 or −∞ for the
 * bool parts). Undefined when there is no mask.
 * @example attentionMask(undefined, padding, { batch: 2, heads: 4, queries: 7, keys: 7 }) // bool [2, 1, 1, 7]
 */
export function attentionMask(attnMask: Tensor | undefined, keyPaddingMask: Tensor | undefined, size: MaskShape): Tensor | undefined {
  const { batch: B, heads: H, queries: L, keys: S } = size;
  let attn: Tensor | undefined;
  if (attnMask) {
    const shape = attnMask.shape.join(', ');
    if (attnMask.ndim === 2 && attnMask.shape[0] === L && attnMask.shape[1] === S) attn = attnMask;
    else if (attnMask.ndim === 3 && attnMask.shape[0] === B * H && attnMask.shape[1] === L && attnMask.shape[2] === S) attn = attnMask.reshape([B, H, L, S]);
    else if (attnMask.ndim === 4 && attnMask.shape.every((d, i) => d === [B, H, L, S][i])) attn = attnMask;
    else throw new Error(`MultiHeadAttention: attn_mask must be [${L}, ${S}], [${B * H}, ${L}, ${S}] or [${B}, ${H}, ${L}, ${S}], got [${shape}]`);
    if (attn.dtype !== 'bool' && !isFloat(attn.dtype)) throw new TypeError(`MultiHeadAttention: attn_mask must be bool or float, got ${attn.dtype}`);
  }
  let padding: Tensor | undefined;
  if (keyPaddingMask) {
    if (keyPaddingMask.ndim !== 2 || keyPaddingMask.shape[0] !== B || keyPaddingMask.shape[1] !== S) {
      throw new Error(`MultiHeadAttention: key_padding_mask must be [${B}, ${S}], got [${keyPaddingMask.shape.join(', ')}]`);
    }
    if (keyPaddingMask.dtype !== 'bool' && !isFloat(keyPaddingMask.dtype)) throw new TypeError(`MultiHeadAttention: key_padding_mask must be bool or float, got ${keyPaddingMask.dtype}`);
    padding = keyPaddingMask.reshape([B, 1, 1, S]);
  }
  const masks = [attn, padding].filter((m): m is Tensor => m !== undefined);
  if (masks.length === 0) return undefined;
  if (masks.every((m) => m.dtype === 'bool')) {
    return masks.length === 1 ? masks[0].logicalNot() : masks[0].logicalOr(masks[1]).logicalNot();
  }
  const additive = masks.map((m) => (m.dtype === 'bool' ? where(m, -Infinity, 0) : m));
  return additive.length === 1 ? additive[0] : additive[0].add(additive[1]);
}
