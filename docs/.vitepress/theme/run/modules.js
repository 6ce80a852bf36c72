// The packages a guide's example can import, in the page's worker and in Node alike.
import * as appKit from '@typegrad/app-kit';
import * as autograd from '@typegrad/autograd';
import * as datasets from '@typegrad/datasets';
import * as nn from '@typegrad/nn';
import * as optim from '@typegrad/optim';
import * as tensor from '@typegrad/tensor';
import * as tokenizers from '@typegrad/tokenizers';
import * as transformer from '@typegrad/transformer';

export const MODULES = {
  '@typegrad/tensor': tensor,
  '@typegrad/autograd': autograd,
  '@typegrad/nn': nn,
  '@typegrad/optim': optim,
  '@typegrad/datasets': datasets,
  '@typegrad/tokenizers': tokenizers,
  '@typegrad/transformer': transformer,
  '@typegrad/app-kit': appKit,
};
