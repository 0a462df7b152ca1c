export {symmetricEigen, type SymmetricEigen} from './jacobi.js'
export {symmetricEigenQL} from './tridiagonal-ql.js'
