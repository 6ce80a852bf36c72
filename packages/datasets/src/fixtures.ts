/** The values PyTorch and Python computed (fixtures/make_datasets_fixtures.py), for the tests. */
import { readFileSync } from 'node:fs';

export interface DatasetsFixtures {
  py_random_42: number[];
  py_getrandbits32_42: number[];
  py_getrandbits32_big: number[];
  py_getrandbits32_neg7: number[];
  py_randbelow_0: number[];
  py_shuffle_42_range20: number[];
  lecture_split: { n: number; n1: number; n2: number; first_train: string[]; first_dev: string[]; first_test: string[]; last: string; sha256: string };
  torch_random_split_7_3: number[][];
  torch_random_split_fractions_25: number[][];
  torch_dataloader_shuffle_42: number[][][];
  torch_dataloader_droplast_7: number[][];
}

export const fixtures: DatasetsFixtures = JSON.parse(readFileSync(new URL('../fixtures/datasets.json', import.meta.url), 'utf8'));
