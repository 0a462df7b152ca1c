export {type SymmetricEigen, symmetricEigen} from './jacobi.js'
export {symmetricEigenQL} from './tridiagonal-ql.js'
