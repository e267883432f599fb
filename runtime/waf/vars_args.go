package waf

import "strconv"

// Arguments: ARGS is ARGS_GET then ARGS_POST.
func init() {
	collectionVar("ARGS", 2, func(tx *Tx, i int) *collection {
		if i == 0 {
			return &tx.argsGet
		}
		return &tx.argsPost
	})
	collectionVar("ARGS_GET", 1, func(tx *Tx, _ int) *collection { return &tx.argsGet })
	collectionVar("ARGS_POST", 1, func(tx *Tx, _ int) *collection { return &tx.argsPost })
	namesVar("ARGS_NAMES", "ARGS")
	namesVar("ARGS_GET_NAMES", "ARGS_GET")
	namesVar("ARGS_POST_NAMES", "ARGS_POST")
	scalarVar("ARGS_COMBINED_SIZE", false, func(tx *Tx) (string, bool) {
		n := 0
		for _, c := range []*collection{&tx.argsGet, &tx.argsPost} {
			for _, e := range c.items {
				n += len(e.key) + len(e.value)
			}
		}
		return strconv.Itoa(n), true
	})
}
