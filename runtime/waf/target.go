package waf

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// target is one compiled variable of a part's list.
type target struct {
	v     *variable
	key   string         // lower-cased key; "" for every entry
	rx    *regexp.Regexp // key regular expression, or nil
	count bool
}

// exclusion removes entries of one variable from a part's list.
type exclusion struct {
	v   *variable
	key string
	rx  *regexp.Regexp
}

// item is one value a part tests.
type item struct {
	v     *variable
	key   string
	value string
	slot  int32
}

func compileTargets(ts []ir.SecTarget) ([]target, []exclusion, error) {
	var (
		out  []target
		excl []exclusion
	)
	for _, t := range ts {
		v, err := lookupVariable(t.Collection)
		if err != nil {
			return nil, nil, err
		}
		var rx *regexp.Regexp
		if t.KeyRegex {
			if rx, err = compileKeyRegex(t.Key); err != nil {
				return nil, nil, err
			}
		}
		key := ""
		if !t.KeyRegex {
			key = strings.ToLower(t.Key)
		}
		if v.name == "XML" && key != "" && key != "/*" && key != "//@*" {
			return nil, nil, fmt.Errorf("XPath %q (only /* and //@*): %w", t.Key, ErrUnsupported)
		}
		if t.Exclude {
			excl = append(excl, exclusion{v: v, key: key, rx: rx})
			continue
		}
		out = append(out, target{v: v, key: key, rx: rx, count: t.Count})
	}
	return out, excl, nil
}

// compileKeyRegex compiles a /regex/ key; keys match without regard to
// case, as ModSecurity's do.
func compileKeyRegex(expr string) (*regexp.Regexp, error) {
	rx, err := regexp.Compile("(?i)" + expr)
	if err != nil {
		return nil, fmt.Errorf("key /%s/: %v: %w", expr, err, ErrUnsupported)
	}
	return rx, nil
}

// name is the item's MATCHED_VAR_NAME.
func (it *item) name() string {
	if it.key == "" && it.v.isScalar() {
		return it.v.name
	}
	return it.v.name + ":" + it.key
}

// excludes reports whether x removes the entry of v with key k (lk
// lower-cased); a scalar is only removed whole.
func (x *exclusion) excludes(v *variable, k, lk string) bool {
	switch {
	case x.v != v:
		return false
	case x.rx != nil:
		return x.rx.MatchString(k)
	case x.key == "":
		return true
	}
	return x.key == lk
}

func excluded(a, b []exclusion, v *variable, k, lk string) bool {
	for i := range a {
		if a[i].excludes(v, k, lk) {
			return true
		}
	}
	for i := range b {
		if b[i].excludes(v, k, lk) {
			return true
		}
	}
	return false
}

// expand lists the items of a part's targets, in order, into tx.items.
func (tx *Tx) expand(r *rule, p *part) []item {
	items := tx.items[:0]
	var extra []exclusion
	if tx.targetsRemoved {
		extra = tx.removedTargets[r.idx]
	}
	for ti := range p.targets {
		t := &p.targets[ti]
		v := t.v
		if v.isScalar() {
			val, ok := v.scalar(tx)
			if t.count {
				n := int64(0)
				if ok {
					n = 1
				}
				items = append(items, item{v: v, value: itoa(n), slot: -1})
				continue
			}
			if !ok || excluded(p.excl, extra, v, "", "") {
				continue
			}
			slot := int32(-1)
			if v.cached {
				slot = tx.scalarSlot(v)
			}
			items = append(items, item{v: v, value: val, slot: slot})
			continue
		}
		n := int64(0)
		for ci := range v.ncolls {
			c := v.colls(tx, ci)
			if c.index != nil && t.key != "" && !t.count && !v.names {
				if j := c.find(t.key); j >= 0 && !excluded(p.excl, extra, v, c.items[j].key, t.key) {
					e := &c.items[j]
					items = append(items, item{v: v, key: e.key, value: e.value, slot: e.slot})
				}
				continue
			}
			for ei := range c.items {
				e := &c.items[ei]
				if t.key != "" && e.lkey != t.key || t.rx != nil && !t.rx.MatchString(e.key) {
					continue
				}
				if t.count {
					n++
					continue
				}
				if excluded(p.excl, extra, v, e.key, e.lkey) {
					continue
				}
				if v.names {
					slot := e.slot
					if slot >= 0 {
						slot++
					}
					items = append(items, item{v: v, key: e.key, value: e.key, slot: slot})
				} else {
					items = append(items, item{v: v, key: e.key, value: e.value, slot: e.slot})
				}
			}
		}
		if t.count {
			items = append(items, item{v: v, key: t.key, value: itoa(n), slot: -1})
		}
	}
	tx.items = items
	return items
}
