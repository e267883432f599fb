package waf

import "strings"

// entry is one key and value of a collection. slot numbers the value (and
// slot+1 the key) in the transaction's transformation cache; -1 means the
// entry may change and is not cached.
type entry struct {
	key   string
	lkey  string // key lower-cased, for ModSecurity's case-insensitive lookups
	value string
	slot  int32
}

// collection is an ordered multimap. Collections that are looked up by key
// often (TX) keep an index from lower-cased key to position.
type collection struct {
	items []entry
	index map[string]int32
}

func (c *collection) reset() {
	clear(c.items)
	c.items = c.items[:0]
	if c.index != nil {
		clear(c.index)
	}
}

func lowerKey(k string) string {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(k)
		}
	}
	return k
}

// add appends an entry.
func (c *collection) add(key, value string, slot int32) {
	c.addLower(key, lowerKey(key), value, slot)
}

// addLower appends an entry whose lower-cased key lk is known.
func (c *collection) addLower(key, lk, value string, slot int32) {
	if c.index != nil {
		if _, ok := c.index[lk]; !ok {
			c.index[lk] = int32(len(c.items))
		}
	}
	c.items = append(c.items, entry{key: key, lkey: lk, value: value, slot: slot})
}

// find returns the position of the first entry whose lower-cased key is
// lk, or -1.
func (c *collection) find(lk string) int {
	if c.index != nil {
		if i, ok := c.index[lk]; ok {
			return int(i)
		}
		return -1
	}
	for i := range c.items {
		if c.items[i].lkey == lk {
			return i
		}
	}
	return -1
}

// get returns the first value under lk.
func (c *collection) get(lk string) (string, bool) {
	if i := c.find(lk); i >= 0 {
		return c.items[i].value, true
	}
	return "", false
}

// set replaces the value of the first entry under key, or adds one.
func (c *collection) set(key, value string) {
	if i := c.find(lowerKey(key)); i >= 0 {
		c.items[i].value = value
		return
	}
	c.add(key, value, -1)
}

// remove deletes every entry under lk.
func (c *collection) remove(lk string) {
	if c.find(lk) < 0 {
		return
	}
	kept := c.items[:0]
	for _, e := range c.items {
		if e.lkey != lk {
			kept = append(kept, e)
		}
	}
	clear(c.items[len(kept):])
	c.items = kept
	if c.index != nil {
		clear(c.index)
		for i, e := range c.items {
			if _, ok := c.index[e.lkey]; !ok {
				c.index[e.lkey] = int32(i)
			}
		}
	}
}
