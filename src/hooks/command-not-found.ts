import notFound from '@oclif/plugin-not-found'

/**
 * A mistyped command (`divergence compar`) names the closest one (@oclif/plugin-not-found's hook, registered in
 * package.json `oclif.hooks` rather than as a plugin, so the dependency is imported where it is used).
 */
export default notFound
