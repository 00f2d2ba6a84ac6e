package org.airesilience.ingest;

import java.util.Iterator;
import java.util.function.Function;

/** The elements of an iterator mapped one by one as they are read (Java's Iterator has no map of its own). */
final class MappedIterator<T, R> implements Iterator<R> {
    private final Iterator<T> source;
    private final Function<? super T, ? extends R> mapping;

    private MappedIterator(Iterator<T> source, Function<? super T, ? extends R> mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    static <T, R> Iterator<R> map(Iterator<T> source, Function<? super T, ? extends R> mapping) {
        return new MappedIterator<>(source, mapping);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public R next() {
        return mapping.apply(source.next());
    }
}
