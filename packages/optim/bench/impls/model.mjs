/** The makemore MLP (Bengio et al. 2003, as in Karpathy's makemore part 2) every implementation trains. */
export const VOCAB = 27;
export const BLOCK = 3;
export const EMB = 10;
export const HIDDEN = 200;
export const LR = 1e-3;
