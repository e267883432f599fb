package operator

import "sync"

func init() {
	register("rx", func(s Spec) (Operator, error) {
		if s.Dynamic {
			return &dynamicRx{cache: map[string]matcher{}}, nil
		}
		m, err := CompileRx(s.Arg)
		if err != nil {
			return nil, err
		}
		return &rx{m: m}, nil
	})
}

type rx struct{ m matcher }

func (r *rx) Match(c *Call, v string) bool {
	if !r.m.MatchString(v) {
		return false
	}
	return !c.Capture || capture(r.m, c, v)
}

// maxDynamic bounds the expanded patterns a dynamic @rx keeps compiled,
// since they may come from request data.
const maxDynamic = 256

// dynamicRx compiles each expanded pattern once, up to maxDynamic of them;
// a pattern that does not compile never matches.
type dynamicRx struct {
	mu    sync.Mutex
	cache map[string]matcher
}

func (r *dynamicRx) compiled(pattern string) matcher {
	r.mu.Lock()
	m, ok := r.cache[pattern]
	r.mu.Unlock()
	if ok {
		return m
	}
	if compiled, err := CompileRx(pattern); err == nil {
		m = compiled
	}
	r.mu.Lock()
	if len(r.cache) < maxDynamic {
		r.cache[pattern] = m
	}
	r.mu.Unlock()
	return m
}

func (r *dynamicRx) Match(c *Call, v string) bool {
	m := r.compiled(c.Arg)
	if m == nil || !m.MatchString(v) {
		return false
	}
	return !c.Capture || capture(m, c, v)
}
