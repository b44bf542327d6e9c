// The README programs print through Console, which is process-wide: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
