// React 18 is installed beside React 19 (aliases `react-18`, `react-dom-18`) so the React
// package's tests run on both majors. pnpm resolves react-dom 18's `react` peer to the root's
// React 19, which would mix the two; give react-dom 18 its own React 18 instead.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'react-dom' && pkg.version.startsWith('18.')) {
        delete pkg.peerDependencies.react;
        pkg.dependencies = { ...pkg.dependencies, react: pkg.version };
      }
      return pkg;
    },
  },
};
