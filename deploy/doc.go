// Package deploy holds rulec's deployment: the container image build
// (../Dockerfile, image/build.sh) and the Kubernetes manifests
// (kubernetes/). It is its own module so the Kubernetes API types its tests
// decode the manifests into stay out of rulec's module.
package deploy
