package waf

// DisablePrefilter makes w run every @rx, for tests that compare results
// with and without the literal prefilter.
func DisablePrefilter(w *WAF) {
	for i := range w.chains.nodes {
		w.chains.nodes[i].pf = nil
	}
	for _, r := range w.rules {
		for j := range r.parts {
			r.parts[j].pfBit = -1
		}
	}
}
