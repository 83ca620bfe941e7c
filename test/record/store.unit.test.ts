import { tempStore } from '../../support/helpers/temp.js';
import { storeCases } from '../../support/record/store-cases.js';

storeCases('leveldb', tempStore);
