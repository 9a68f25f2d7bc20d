FROM alpine:3.19
RUN echo before
ENV ONLYKEY
RUN echo middle
CMD ["sh", 1]
FROM alpine:3.19 AS second
LABEL a=b c
RUN echo after
