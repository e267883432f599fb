package seclang

func init() { registerOp("strmatch", anyArg) }
