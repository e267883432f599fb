package waf

// itemKey names one value of one variable.
type itemKey struct {
	v   *variable
	key string
}

// matchName is an item's MATCHED_VAR_NAME and its lower-cased form, the
// key of its MATCHED_VARS entry.
type matchName struct {
	name, lname string
}

// maxMatchNames bounds the names a transaction keeps; past it names are
// built for each match.
const maxMatchNames = 1024

// matchName returns it's MATCHED_VAR_NAME, made once per transaction for
// each variable and key: many rules match the same argument or header.
func (tx *Tx) matchName(it *item) matchName {
	k := itemKey{it.v, it.key}
	if n, ok := tx.names[k]; ok {
		return n
	}
	name := it.name()
	n := matchName{name, lowerKey(name)}
	if len(tx.names) < maxMatchNames {
		if tx.names == nil {
			tx.names = make(map[itemKey]matchName)
		}
		tx.names[k] = n
	}
	return n
}
