// Package rollout follows a published rule object: it polls the object's
// path (through the symlinks a Kubernetes ConfigMap volume swaps), hands a
// changed object over for an atomic reload, and keeps what each node runs
// (digest, generation, failures) for metrics. A bad object is refused once
// per content and the rules already running stay.
package rollout
