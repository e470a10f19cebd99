package org.causerie.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A store whose history reads never show more than the newest {@code maxCount} messages of a room or a
 * conversation, at once, whatever the pruner has deleted yet: {@code --retention-count} holds from the
 * message that passes the count, while the rows themselves are deleted by the periodic prune (within
 * {@code ChatServer}'s prune period). It relies on ids being numbered without gaps per room and
 * conversation (the hub numbers them so); an id lost to a failed write only makes the window narrower.
 *
 * <p>It is a dynamic proxy rather than a class listing every method: only the four page reads change,
 * and any method the {@link Store} interface gains passes through to the real store untouched.
 */
public final class RetainedStore implements InvocationHandler {
    private final Store store;
    private final long maxCount;

    private RetainedStore(Store store, long maxCount) {
        this.store = store;
        this.maxCount = maxCount;
    }

    public static Store wrap(Store store, long maxCount) {
        if (maxCount < 0) {
            throw new IllegalArgumentException("a retention count is 0 or more, not " + maxCount);
        }
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                new RetainedStore(store, maxCount));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        String key = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
        return switch (method.getName()) {
            // The newest id is read after the page: a message appended in between only raises the floor.
            case "roomBefore", "roomAfter" -> clamp((Page<Entry.RoomMessage>) result, store.lastRoomId(key),
                    Entry.RoomMessage::id);
            case "privateBefore", "privateAfter" -> clamp((Page<Entry.PrivateMessage>) result,
                    store.lastPrivateId(key), Entry.PrivateMessage::id);
            default -> result;
        };
    }

    private <T> Page<T> clamp(Page<T> page, long lastId, ToLongFunction<T> id) {
        long floor = lastId - maxCount + 1;
        if (page.firstRetained() == 0 || page.firstRetained() >= floor) {
            return page;
        }
        List<T> kept = page.messages().stream().filter(m -> id.applyAsLong(m) >= floor).toList();
        return new Page<>(kept, floor > lastId ? 0 : floor);
    }

    @Override
    public String toString() {
        return "RetainedStore[" + store + ", maxCount=" + maxCount + "]";
    }
}
