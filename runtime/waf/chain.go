package waf

import (
	"fmt"
	"strconv"

	"github.com/rulec/rulec/runtime/waf/transform"
)

// chains is a trie of the transformation chains the rules use: a node is
// a chain, its parent the chain without the last function. Node 0 is the
// empty chain. Values are cached per transaction by (slot, node), so rules
// sharing a chain or a prefix of one transform each value once.
type chains struct {
	nodes []chainNode
	index map[string]int32
}

type chainNode struct {
	parent int32
	fn     transform.Func
	pf     *nodeFilter // the prefilter of this node's @rx parts, or nil
}

func newChains() chains {
	return chains{nodes: []chainNode{{parent: -1}}, index: map[string]int32{}}
}

// intern returns the node of a chain, adding what is missing.
func (c *chains) intern(names []string) (int32, error) {
	n := int32(0)
	for _, name := range names {
		fn, ok := transform.Lookup(name)
		if !ok {
			return 0, fmt.Errorf("transformation %q: %w", name, ErrUnsupported)
		}
		k := strconv.Itoa(int(n)) + "/" + name
		next, ok := c.index[k]
		if !ok {
			next = int32(len(c.nodes))
			c.nodes = append(c.nodes, chainNode{parent: n, fn: fn})
			c.index[k] = next
		}
		n = next
	}
	return n, nil
}

// apply runs chain n on v without caching.
func (c *chains) apply(n int32, v string) string {
	if n == 0 {
		return v
	}
	node := &c.nodes[n]
	return node.fn(c.apply(node.parent, v))
}

// ancestors lists the nodes from the first function of chain n to n.
func (c *chains) ancestors(n int32, buf []int32) []int32 {
	buf = buf[:0]
	for ; n > 0; n = c.nodes[n].parent {
		buf = append(buf, n)
	}
	for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
		buf[i], buf[j] = buf[j], buf[i]
	}
	return buf
}

// cacheVal is a cached transformation: the value, and the offset of its
// prefilter hits in the transaction's arena (-1 until computed).
type cacheVal struct {
	s  string
	pf int32
}

// transformed returns the value of it after chain n, and its cache entry
// (-1 when the item is not cached). The cache is a table with a row per
// slot and a column per chain node, holding cvals positions plus one.
func (tx *Tx) transformed(it *item, n int32) (string, int32) {
	if it.slot < 0 {
		return tx.w.chains.apply(n, it.value), -1
	}
	cell := &tx.rows[int(it.slot)*tx.w.nnodes+int(n)]
	if *cell > 0 {
		return tx.cvals[*cell-1].s, *cell - 1
	}
	s := it.value
	if n > 0 {
		s, _ = tx.transformed(it, tx.w.chains.nodes[n].parent)
		s = tx.w.chains.nodes[n].fn(s)
	}
	i := int32(len(tx.cvals))
	tx.cvals = append(tx.cvals, cacheVal{s: s, pf: -1})
	tx.rows[int(it.slot)*tx.w.nnodes+int(n)] = i + 1
	return s, i
}
