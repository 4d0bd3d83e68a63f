export function Home() {
  return (
    <section className="home">
      <h1>See a convolutional network learn</h1>
      <p>
        ConvScope trains a small convolutional neural network on the real MNIST handwritten digits (60,000 training and 10,000
        test images) right here in your browser, and shows what happens inside while it learns.
      </p>
      <ul className="cards">
        <li>
          <a href="#/playground">
            <strong>Playground</strong>
            <span>Press Train and watch the loss fall and the accuracy climb, live.</span>
          </a>
        </li>
        <li>
          <a href="#/learn">
            <strong>Learn</strong>
            <span>Convolution, padding, stride, pooling and training, one idea at a time.</span>
          </a>
        </li>
      </ul>
    </section>
  );
}
