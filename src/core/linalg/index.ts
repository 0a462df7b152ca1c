export {symmetricEigen, type SymmetricEigen} from './jacobi.js'
